"""Form feeds between sections."""
import os


def f():
    return os.sep
