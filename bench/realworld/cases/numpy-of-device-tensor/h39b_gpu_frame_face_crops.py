# source: https://github.com/timesler/facenet-pytorch/pull/228
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Crop detected faces from decoded video frames that already live on the GPU and embed them."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def imresample(img, size):
    return F.interpolate(img, size=size, mode="area")


def crop_resize(frame, box, image_size):
    if isinstance(frame, np.ndarray):
        crop = torch.from_numpy(frame[box[1]:box[3], box[0]:box[2]].copy())
    else:
        crop = frame[box[1]:box[3], box[0]:box[2]]
    out = imresample(crop.permute(2, 0, 1).unsqueeze(0).float(), (image_size, image_size))
    return out.byte().squeeze(0).permute(1, 2, 0)


def extract_face(frame, box, image_size=160, margin=20):
    h, w = frame.shape[:2]
    box = [
        int(max(box[0] - margin / 2, 0)),
        int(max(box[1] - margin / 2, 0)),
        int(min(box[2] + margin / 2, w)),
        int(min(box[3] + margin / 2, h)),
    ]
    face = crop_resize(frame, box, image_size)
    face = torch.from_numpy(np.float32(face)).permute(2, 0, 1)
    return (face - 127.5) / 128.0


def fake_detector(frame):
    # stand-in for MTCNN: one centred box per frame
    h, w = frame.shape[:2]
    return [[w // 4, h // 4, 3 * w // 4, 3 * h // 4]]


def main():
    device = torch.device("cuda")
    embedder = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2), nn.ReLU(),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 128)).to(device).eval()
    # frames decoded straight onto the GPU (e.g. by a hardware video reader)
    video = torch.randint(0, 256, (24, 480, 640, 3), dtype=torch.uint8, device=device)
    embeddings = []
    with torch.no_grad():
        for frame in video:
            faces = [extract_face(frame, box) for box in fake_detector(frame)]
            batch = torch.stack(faces).to(device)
            embeddings.append(F.normalize(embedder(batch), dim=1))
    print(torch.cat(embeddings).shape)


if __name__ == "__main__":
    main()
