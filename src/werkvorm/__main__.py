from werkvorm.cli.main import main

main()
