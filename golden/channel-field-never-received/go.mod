module golden

go 1.27
