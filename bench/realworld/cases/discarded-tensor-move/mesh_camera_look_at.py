# source: https://github.com/daniilidis-group/neural_renderer/pull/52
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: helper, class
# bug-lines: 20
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn.functional as F


def look(vertices, eye, direction=None, up=None):
    device = vertices.device
    if direction is None:
        direction = torch.tensor([0.0, 0.0, 1.0], device=device)
    elif isinstance(direction, (list, tuple)):
        direction = torch.from_numpy(np.array(direction, np.float32)).to(device)
    else:
        direction.to(device)
    if up is None:
        up = torch.tensor([0.0, 1.0, 0.0], device=device)
    else:
        up = up.to(device)
    eye = eye.to(device)
    if eye.ndimension() == 1:
        eye = eye[None, :]
    if direction.ndimension() == 1:
        direction = direction[None, :]
    if up.ndimension() == 1:
        up = up[None, :]
    z_axis = F.normalize(direction, eps=1e-5)
    x_axis = F.normalize(torch.cross(up, z_axis, dim=-1), eps=1e-5)
    y_axis = F.normalize(torch.cross(z_axis, x_axis, dim=-1), eps=1e-5)
    r = torch.cat((x_axis[:, None, :], y_axis[:, None, :], z_axis[:, None, :]), dim=1)
    vertices = vertices - eye[:, None, :]
    return torch.matmul(vertices, r.transpose(1, 2))


class LookCamera:
    def __init__(self, eye=(0.0, 0.0, -2.7), direction=(0.0, 0.0, 1.0)):
        self.eye = torch.tensor(eye)
        self.camera_direction = torch.tensor(direction)

    def transform(self, vertices):
        return look(vertices, self.eye, self.camera_direction)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vertices = torch.rand(2, 642, 3, device=device) - 0.5
    camera = LookCamera()
    projected = camera.transform(vertices)
    print(projected.shape, projected.device)


if __name__ == "__main__":
    main()
