"""``make bench``: run every benchmark and print its table."""
from . import lab_runtime

if __name__ == "__main__":
    lab_runtime.main()
