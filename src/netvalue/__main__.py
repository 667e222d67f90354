from netvalue.cli import main

main()
