package golden

// max is the largest batch size.
const max = 64
