# source: https://github.com/DepthAnything/Depth-Anything-V2/issues/264
# error: RuntimeError: Input type (float) and bias type (struct c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# bug-lines: 20
# cpu: raises "bias type (c10::Half)"
# needs: torch, numpy
import numpy as np
import torch

from depth_model import load_depth_model
from transform import image2tensor

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


@torch.no_grad()
def infer_image(model, raw_image):
    image, (h, w) = image2tensor(raw_image)
    depth = model(image.to(DEVICE))
    depth = torch.nn.functional.interpolate(depth[:, None].float(), (h, w), mode="bilinear")[0, 0]
    return depth.cpu().numpy()


def main():
    model = load_depth_model(DEVICE, fp16=True)
    frames = [np.random.randint(0, 255, (168, 224, 3), dtype=np.uint8) for _ in range(2)]
    for frame in frames:
        depth = infer_image(model, frame)
        print(depth.shape, float(depth.max()))


if __name__ == "__main__":
    main()
