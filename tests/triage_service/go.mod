module example.com/triagesvc

go 1.21
