# source: https://github.com/ayooshkathuria/YOLO_v3_tutorial_from_scratch/issues/26
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: type-cast-without-device
# shape: helper, class
# looks-like: type-cast-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def predict_transform(prediction, inp_dim, anchors, num_classes):
    """Turn a raw YOLO feature map (B, A*(5+C), G, G) into (B, G*G*A, 5+C) boxes."""
    batch_size, _, grid_size, _ = prediction.shape
    stride = inp_dim // grid_size
    num_anchors = len(anchors)
    bbox_attrs = 5 + num_classes

    FloatTensor = torch.cuda.FloatTensor if prediction.is_cuda else torch.FloatTensor

    prediction = prediction.view(batch_size, num_anchors, bbox_attrs, grid_size * grid_size)
    prediction = prediction.permute(0, 3, 1, 2).contiguous()
    prediction = prediction.view(batch_size, grid_size * grid_size * num_anchors, bbox_attrs)

    prediction[:, :, 0:2] = torch.sigmoid(prediction[:, :, 0:2])
    prediction[:, :, 4:] = torch.sigmoid(prediction[:, :, 4:])

    grid = torch.arange(grid_size, device=prediction.device)
    yy, xx = torch.meshgrid(grid, grid, indexing="ij")
    offsets = torch.stack((xx.reshape(-1), yy.reshape(-1)), dim=1).type(FloatTensor)
    offsets = offsets.repeat_interleave(num_anchors, dim=0).unsqueeze(0)
    prediction[:, :, :2] += offsets

    scaled = torch.tensor([(a_w / stride, a_h / stride) for a_w, a_h in anchors],
                          device=prediction.device).type(FloatTensor)
    scaled = scaled.repeat(grid_size * grid_size, 1).unsqueeze(0)
    prediction[:, :, 2:4] = torch.exp(prediction[:, :, 2:4]) * scaled

    prediction[:, :, :4] *= stride
    return prediction


class YOLOHead(nn.Module):
    def __init__(self, in_ch, anchors, num_classes, inp_dim=416):
        super().__init__()
        self.anchors = anchors
        self.num_classes = num_classes
        self.inp_dim = inp_dim
        self.conv = nn.Conv2d(in_ch, len(anchors) * (5 + num_classes), 1)

    def forward(self, x):
        return predict_transform(self.conv(x), self.inp_dim, self.anchors, self.num_classes)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    head = YOLOHead(256, [(116, 90), (156, 198), (373, 326)], num_classes=80).to(device)
    out = head(torch.randn(2, 256, 13, 13, device=device))
    print(out.shape, out.device)
