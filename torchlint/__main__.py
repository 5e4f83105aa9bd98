"""``python -m torchlint``: the command line, as the ``torchlint`` script runs it."""

from torchlint.frontends.cli import main

if __name__ == "__main__":
    main()
