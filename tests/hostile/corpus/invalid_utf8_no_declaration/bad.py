import os
x = "ÿ"
