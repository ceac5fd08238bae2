# nbgrader's configuration for the module's exercises (docs/instructors.md explains the
# workflow). nbgrader reads this file when it runs in this folder, which is the course
# directory: run every `nbgrader ...` command from here (`cd exercises`).
#
#   source/<assignment>/<assignment>.ipynb    the exercises WITH solutions and hidden tests
#   release/<assignment>/                     student versions (`make release` writes them)
#   submitted/<student>/<assignment>/         what students hand in (you put it there, or
#                                             `nbgrader collect` / `zip_collect` does)
#   autograded/, feedback/, gradebook.db      written by autograde and generate_feedback
#
# release/, submitted/, autograded/, feedback/ and gradebook.db hold generated files and
# students' work: never commit them.
from pathlib import Path

c = get_config()  # noqa: F821 (nbgrader provides get_config when it reads this file)

c.CourseDirectory.course_id = "newscase-corridor"

# The course directory is the folder of this file, wherever nbgrader is started from, so
# a copy of this folder (e.g. a private grading folder) is a complete course of its own.
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"

# What replaces a solution in the student version.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Building a map or reading the article takes a second or two; allow for slow machines.
c.Execute.timeout = 120

# Feedback goes to students: leave the hidden tests out of it (nbgrader's feedback shows
# the autograded notebook, whose test cells hold them). The tests' verdicts and messages
# stay in the feedback.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# On a JupyterHub with nbgrader's exchange (release_assignment / collect), set the shared
# folder every user can reach, e.g.:
# c.Exchange.root = "/srv/nbgrader/exchange"
