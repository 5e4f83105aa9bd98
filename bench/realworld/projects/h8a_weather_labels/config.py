# source: https://github.com/mengxianglong123/weather-recognition/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import time

import torch


class Common:
    base_path = "./data/weather/"
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    image_size = (224, 224)
    labels = ["cloudy", "haze", "rainy", "shine", "snow", "sunny", "sunrise", "thunder"]


class Train:
    batch_size = 64
    num_workers = 0
    lr = 1e-3
    epochs = 30
    log_dir = "./log/" + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    model_dir = "./checkpoints/"
