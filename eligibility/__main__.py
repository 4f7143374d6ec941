"""``python -m eligibility``: the same command line as the ``eligibility`` script."""

from cli import main

if __name__ == "__main__":
    main()
