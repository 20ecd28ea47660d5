import os


def report(total):
    if total:
        print("total")
        print(total)
    return total
