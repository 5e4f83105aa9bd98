# source: https://github.com/Juyong/CaricatureFace/issues/2
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, class
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from PIL import Image
from torchvision import transforms

from cariface import CariFace


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model1_path", default="model/resnet34_adam.pth")
    parser.add_argument("--model2_path", default="model/mynet_adam.pth")
    parser.add_argument("--image_dir", default="data/test_images")
    parser.add_argument("--out_dir", default="results")
    return parser.parse_args()


if __name__ == "__main__":
    opt = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])

    cari = CariFace(device)
    cari.load_model(opt.model1_path, opt.model2_path)

    os.makedirs(opt.out_dir, exist_ok=True)
    for name in sorted(os.listdir(opt.image_dir)):
        img = tf(Image.open(os.path.join(opt.image_dir, name)).convert("RGB")).unsqueeze(0)
        landmarks, vertices = cari.reconstruct(img)
        torch.save({"landmarks": landmarks.cpu(), "vertices": vertices.cpu()},
                   os.path.join(opt.out_dir, os.path.splitext(name)[0] + ".pt"))
        print(name, tuple(vertices.shape))
