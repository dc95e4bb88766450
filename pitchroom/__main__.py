"""``python -m pitchroom`` runs the command line."""

from pitchroom.cli.launch import main

if __name__ == "__main__":
    main()
