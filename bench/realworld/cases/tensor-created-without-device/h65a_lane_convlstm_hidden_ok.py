# source: https://github.com/NickLucche/lane-detection/issues/5
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for sequence element 0 in sequence argument at position #1 'tensors'
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

LANE_PALETTE = [[0, 0, 0], [255, 125, 0], [0, 255, 0], [0, 0, 255], [0, 255, 255]]


class ConvLSTMCell(nn.Module):
    def __init__(self, in_ch, hid_ch, kernel_size=3):
        super().__init__()
        self.hid_ch = hid_ch
        self.conv = nn.Conv2d(in_ch + hid_ch, 4 * hid_ch, kernel_size, padding=kernel_size // 2)

    def init_hidden(self, ref):
        b, _, h, w = ref.shape
        zeros = torch.zeros(b, self.hid_ch, h, w, device=ref.device, dtype=ref.dtype)
        return zeros, zeros.clone()

    def forward(self, x, state):
        h_cur, c_cur = state
        combined = torch.cat([x, h_cur], dim=1)
        i, f, o, g = torch.split(self.conv(combined), self.hid_ch, dim=1)
        c_next = torch.sigmoid(f) * c_cur + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c_next), c_next


class SegNetConvLSTM(nn.Module):
    def __init__(self, num_classes=5, feat=64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, feat, 3, 2, 1), nn.ReLU())
        self.lstm = ConvLSTMCell(feat, feat)
        self.decoder = nn.Sequential(nn.ConvTranspose2d(feat, 32, 2, 2), nn.ReLU(),
                                     nn.ConvTranspose2d(32, num_classes, 2, 2))

    def forward(self, clip):
        # clip: (B, T, 3, H, W) consecutive dash-cam frames
        state = None
        for t in range(clip.shape[1]):
            code = self.encoder(clip[:, t])
            if state is None:
                state = self.lstm.init_hidden(code)
            state = self.lstm(code, state)
        return self.decoder(state[0])


def colorize(logits):
    palette = torch.tensor(LANE_PALETTE, dtype=torch.uint8)
    labels = logits.argmax(dim=1).cpu()
    return palette[labels]  # (B, H, W, 3) on host, for cv2.imwrite


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SegNetConvLSTM().to(device).eval()
    clips = [torch.rand(2, 5, 3, 128, 256) for _ in range(3)]
    with torch.no_grad():
        for clip in clips:
            overlay = colorize(net(clip.to(device)))
            print(overlay.shape, overlay.dtype)
