"""`python -m labour_democracy`: the same command as `labour-democracy`."""

from labour_democracy.cli import main

main()
