module golden

go 1.24

godebug asynctimerchan=1
