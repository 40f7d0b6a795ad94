print("verdeel")
