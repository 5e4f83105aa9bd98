# source: https://github.com/Anjok07/ultimatevocalremovergui/issues/1519
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# looks-like: float64-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Spectrogram-mask denoiser pass (VR-architecture style) over a stereo mix."""
import numpy as np
import torch
import torch.nn as nn


class MaskNet(nn.Module):
    def __init__(self, n_bins=1025, nout=16):
        super().__init__()
        self.offset = 64
        self.body = nn.Sequential(nn.Conv2d(2, nout, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(nout, nout, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(nout, 2, 1))

    def predict_mask(self, x):
        mask = torch.sigmoid(self.body(x))
        return mask[:, :, :, self.offset:-self.offset]


def wave_to_spectrogram(wave, hop_length=1024, n_fft=2048):
    window = np.hanning(n_fft)
    specs = []
    for ch in wave:
        frames = [ch[i:i + n_fft] * window for i in range(0, len(ch) - n_fft, hop_length)]
        specs.append(np.fft.rfft(np.stack(frames, axis=1), axis=0))
    return np.stack(specs)


def make_padding(width, cropsize, offset):
    roi_size = cropsize - 2 * offset
    right = roi_size - (width % roi_size) + offset
    return offset, right, roi_size


def vr_denoise(model, wave, device, cropsize=256, batchsize=4):
    x_spec = wave_to_spectrogram(wave)
    x_mag = np.abs(x_spec).astype(np.float32)
    x_phase = np.angle(x_spec)
    n_frame = x_mag.shape[2]
    pad_l, pad_r, roi_size = make_padding(n_frame, cropsize, model.offset)
    x_mag_pad = np.pad(x_mag, ((0, 0), (0, 0), (pad_l, pad_r)), mode="constant")
    x_mag_pad /= x_mag_pad.max()
    patches = (x_mag_pad.shape[2] - 2 * model.offset) // roi_size
    dataset = np.asarray([x_mag_pad[:, :, i * roi_size:i * roi_size + cropsize] for i in range(patches)])

    model.eval()
    masks = []
    with torch.no_grad():
        for i in range(0, patches, batchsize):
            x_batch = torch.from_numpy(dataset[i:i + batchsize]).to(device)
            pred = model.predict_mask(x_batch).cpu().numpy()
            masks.append(np.concatenate(pred, axis=2))
    mask = np.concatenate(masks, axis=2)[:, :, :n_frame]
    return (1 - mask) * x_mag * np.exp(1.0j * x_phase)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = MaskNet()
    net.load_state_dict(torch.load("denoise_model.pth", map_location="cpu"))
    net.to(dev)
    mix = np.load("mix_stereo.npy")
    print(vr_denoise(net, mix, dev).shape)
