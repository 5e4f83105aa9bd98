# source: https://github.com/arcadelab/deepdrr/issues/18
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class TinyVNet(nn.Module):
    """Three-class (air / soft tissue / bone) 3D segmentation network."""

    def __init__(self, n_classes=3):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv3d(1, 16, 3, padding=1), nn.PReLU(16),
            nn.Conv3d(16, 16, 3, padding=1), nn.PReLU(16),
            nn.Conv3d(16, n_classes, 1),
        )

    def forward(self, x):
        return torch.softmax(self.body(x), dim=1)


class SegmentationNetwork:
    def __init__(self, weights_path=None, block=128):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.block = block
        self.model = TinyVNet()
        if weights_path is not None:
            self.model.load_state_dict(torch.load(weights_path, map_location="cpu"))
        self.model.to(self.device)
        self.model.eval()
        print("loaded segmentation network")

    def segment(self, hu_volume):
        """hu_volume: numpy array (X, Y, Z) in Hounsfield units -> (3, X, Y, Z) soft labels."""
        volume = np.clip((hu_volume + 1000.0) / 2000.0, 0.0, 1.0).astype(np.float32)
        out = np.zeros((3,) + volume.shape, dtype=np.float32)
        b = self.block
        for x in range(0, volume.shape[0], b):
            for y in range(0, volume.shape[1], b):
                for z in range(0, volume.shape[2], b):
                    block = volume[x:x + b, y:y + b, z:z + b]
                    block_tensor = torch.from_numpy(block)[None, None].to(self.device)
                    with torch.no_grad():
                        output_tensor = np.array(self.model(block_tensor).data)
                    out[:, x:x + b, y:y + b, z:z + b] = output_tensor[0]
        return out
