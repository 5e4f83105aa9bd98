# source: https://github.com/harryhan618/SCNN_Pytorch/issues/28 https://github.com/ozanciga/self-supervised-histopathology/issues/9
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: helper, batch-dict
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def get_model():
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    if torch.cuda.is_available():
        model = model.cuda()
    return model.eval()


def transform_to_net(sample, device):
    arr = (sample["img"].astype(np.float32) / 255.0 - MEAN) / STD
    img = torch.from_numpy(arr.transpose(2, 0, 1).copy()).unsqueeze(0)
    return {**sample, "img": img.to(device, non_blocking=True)}


if __name__ == "__main__":
    net = get_model()
    device = next(net.parameters()).device
    for _ in range(2):
        frame = np.random.randint(0, 255, size=(48, 64, 3), dtype=np.uint8)
        x = transform_to_net({"img": frame, "name": "frame.jpg"}, device)["img"]
        with torch.no_grad():
            print(net(x).shape)
