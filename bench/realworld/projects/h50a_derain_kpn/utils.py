# source: https://github.com/tsingqguo/efficientderain/issues/35
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 20
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import os

import cv2
import numpy as np
import torch

import network


def create_generator(opt):
    generator = network.KPN(opt.color, opt.kernel_size)
    if opt.load_name:
        pretrained = torch.load(opt.load_name)
        load_dict(generator, pretrained)
        print(f"Generator is loaded from {opt.load_name}")
    else:
        network.weights_init(generator, opt.init_gain)
        print("Generator is created!")
    return generator


def load_dict(process_net, pretrained_dict):
    process_dict = process_net.state_dict()
    pretrained_dict = {k: v for k, v in pretrained_dict.items() if k in process_dict}
    process_dict.update(pretrained_dict)
    process_net.load_state_dict(process_dict)
    return process_net


def read_image(path):
    img = cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0
    return torch.from_numpy(img).permute(2, 0, 1).unsqueeze(0)


def save_image(tensor, folder, name):
    img = tensor.clamp(0, 1)[0].permute(1, 2, 0).cpu().numpy() * 255.0
    os.makedirs(folder, exist_ok=True)
    cv2.imwrite(os.path.join(folder, name), cv2.cvtColor(img.astype(np.uint8), cv2.COLOR_RGB2BGR))
