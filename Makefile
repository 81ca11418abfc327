# The two commands of the course (see README.md):
#   make lab    start JupyterLab on the lessons (creates .venv on first use)
#   make test   lint, format check and the whole test suite (installs Chromium and CJK fonts if missing)
# Arguments: `make lab LAB_ARGS="--no-browser --port 8899"`, `make test PYTEST_ARGS="-k doctor"`.

.PHONY: lab test doctor

LAB_ARGS ?=
PYTEST_ARGS ?=

lab:
	scripts/bootstrap.sh
	.venv/bin/course lab $(LAB_ARGS)

test:
	scripts/bootstrap.sh --test
	scripts/check.sh $(PYTEST_ARGS)

doctor:
	scripts/bootstrap.sh
	.venv/bin/course doctor
