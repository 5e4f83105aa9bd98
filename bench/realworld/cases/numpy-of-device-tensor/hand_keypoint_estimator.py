# source: https://github.com/Hzzone/pytorch-openpose/pull/16
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class
# bug-lines: 53
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class HandPoseNet(nn.Module):
    def __init__(self, n_keypoints=22):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
        )
        self.head = nn.Conv2d(64, n_keypoints, 1)

    def forward(self, x):
        return self.head(self.stem(x))


class Hand:
    def __init__(self, weights_path=None):
        self.model = HandPoseNet()
        if weights_path is not None:
            self.model.load_state_dict(torch.load(weights_path, map_location="cpu"))
        if torch.cuda.is_available():
            self.model = self.model.cuda()
        self.model.eval()
        self.scale_search = [0.5, 1.0]
        self.box_size = 96

    def _prepare(self, image, scale):
        size = int(self.box_size * scale)
        ys = np.linspace(0, image.shape[0] - 1, size).astype(np.int64)
        xs = np.linspace(0, image.shape[1] - 1, size).astype(np.int64)
        crop = image[ys][:, xs].astype(np.float32) / 256.0 - 0.5
        return np.ascontiguousarray(crop.transpose(2, 0, 1)[None])

    def __call__(self, ori_img):
        heatmap_avg = np.zeros((22, self.box_size // 2, self.box_size // 2), np.float32)
        for scale in self.scale_search:
            im = self._prepare(ori_img, scale)
            data = torch.from_numpy(im).float()
            if torch.cuda.is_available():
                data = data.cuda()
            with torch.no_grad():
                output = self.model(data).numpy()
            heatmap = np.squeeze(output)
            reps = (self.box_size // 2) // heatmap.shape[-1]
            heatmap_avg += heatmap.repeat(reps, axis=1).repeat(reps, axis=2) / len(self.scale_search)
        peaks = []
        for part in range(heatmap_avg.shape[0] - 1):
            y, x = np.unravel_index(heatmap_avg[part].argmax(), heatmap_avg[part].shape)
            peaks.append((int(x) * 2, int(y) * 2))
        return np.array(peaks)


if __name__ == "__main__":
    hand_estimation = Hand()
    frame = (np.random.rand(240, 320, 3) * 255).astype(np.uint8)
    print(hand_estimation(frame)[:5])
