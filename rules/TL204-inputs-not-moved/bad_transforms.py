import numpy as np
import torch


class ToTensor:
    def __call__(self, sample):
        image = torch.from_numpy(sample["img"].transpose(2, 0, 1).copy()).float() / 255.0
        return {**sample, "img": image}


class Scale:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, sample):
        return {**sample, "img": sample["img"] * self.factor}


def lane_demo(n_frames):
    # SCNN's demo: the transforms run through a lambda on a dict, and the net is moved
    # to the GPU when there is one; the transformed image never is.
    net = torch.nn.Conv2d(3, 5, 1)
    if torch.cuda.is_available():
        net = net.cuda()
    transform = lambda s: Scale(2.0)(ToTensor()(s))  # noqa: E731
    for _ in range(n_frames):
        frame = np.random.randint(0, 255, size=(32, 32, 3), dtype=np.uint8)
        x = transform({"img": frame})["img"]
        net(x.unsqueeze(0))  # expect: TL204:13 lines=7,24
