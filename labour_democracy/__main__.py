from labour_democracy.cli import main

main()
