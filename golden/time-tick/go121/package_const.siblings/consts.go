package golden

import "time"

const period = 10 * time.Second
