import sys

from course.autograde.cli import main

sys.exit(main())
