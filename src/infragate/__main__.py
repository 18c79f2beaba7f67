from infragate.cli import main

main()
