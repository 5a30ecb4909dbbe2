module golden

go 1.21

toolchain go1.27.0
