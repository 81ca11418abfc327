"""The quiz engine: question widgets and quiz sessions.

Modules: :mod:`.strings` (all Chinese text), :mod:`.model` (the question schema), :mod:`.types`
(one class per question type: its answers, checking, words and controls), :mod:`.base` (the
question widget), :mod:`.session` (QuizSession), :mod:`.bank` (the practice question bank).
Answers are kept in :mod:`course.answers` (below the engine); a lesson's practice quiz, with its
answers-file bar, is :func:`course.practice.practice` (above it).

Importing this package reads no file and imports no widget library.
"""
