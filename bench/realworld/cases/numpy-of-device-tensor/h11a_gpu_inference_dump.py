# source: https://github.com/LogicTronix/Vitis-AI-Reference-Tutorials/issues/7
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 52
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""Float-model reference run before quantization: dump raw head outputs per image."""
import argparse

import numpy as np
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


def get_device(force_cpu=False):
    if not force_cpu and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def build_model(weights_path, num_classes, device):
    model = models.mobilenet_v2(num_classes=num_classes)
    model.load_state_dict(torch.load(weights_path, map_location="cpu"))
    return model.to(device).eval()


def top_k(scores, k=5):
    idx = np.argsort(-scores)[:k]
    return list(zip(idx.tolist(), scores[idx].round(4).tolist()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="calib_images")
    parser.add_argument("--weights", default="mobilenet_v2_float.pth")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    device = get_device(args.cpu)
    tfm = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                              transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    data = datasets.ImageFolder(args.data, transform=tfm)
    loader = DataLoader(data, batch_size=1, shuffle=False)
    model = build_model(args.weights, len(data.classes), device)

    output = []
    with torch.no_grad():
        for image, _ in loader:
            out = torch.softmax(model(image.to(device)), dim=1)
            output.append(out[0].numpy())

    stacked = np.stack(output)
    np.save("float_reference.npy", stacked)
    for path_label, scores in zip(data.samples[:10], stacked[:10]):
        print(path_label[0], top_k(scores))


if __name__ == "__main__":
    main()
