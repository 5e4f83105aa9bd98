# source: https://github.com/Js-Mim/mss_pytorch/issues/13
# error: RuntimeError: Expected object of scalar type Float but got scalar type Double for argument #4 'mat1'
# pattern: float64-input
# shape: helper, class, loader-loop
# bug-lines: 41, 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Singing-voice separation: bi-GRU encoder over overlapping magnitude-spectrogram chunks."""
import numpy as np
import torch
import torch.nn as nn


def stft_magnitude(x, wsz=2049, n_fft=4096, hop=384):
    window = np.hamming(wsz)
    n_frames = 1 + (len(x) - wsz) // hop
    frames = np.stack([x[i * hop:i * hop + wsz] * window for i in range(n_frames)])
    spec = np.fft.rfft(frames, n=n_fft, axis=1)
    return np.abs(spec), np.angle(spec)


def overlap_sequences(mag, seq_len, overlap):
    step = seq_len - overlap
    pad = (-mag.shape[0]) % step
    mag = np.pad(mag, ((0, pad), (0, 0)), mode="constant")
    n_seq = (mag.shape[0] - overlap) // step
    return np.stack([mag[i * step:i * step + seq_len] for i in range(n_seq)])


class SkipFiltEncoder(nn.Module):
    def __init__(self, batch, seq_len, context, n_bins=744, alpha=0.7):
        super().__init__()
        self.B, self.T, self.L, self.F, self.alpha = batch, seq_len, context, n_bins, alpha
        self.gru_fw = nn.GRUCell(self.F, self.F)
        self.gru_bw = nn.GRUCell(self.F, self.F)

    def forward(self, mix_np):
        device = self.gru_fw.weight_ih.device
        h_fw = torch.zeros(self.B, self.F, device=device)
        h_bw = torch.zeros(self.B, self.F, device=device)
        cx = torch.from_numpy(mix_np[:, :, :self.F]).to(device) ** self.alpha
        encoded = []
        for t in range(self.T):
            h_fw = self.gru_fw(cx[:, t, :], h_fw) + cx[:, t, :]
            h_bw = self.gru_bw(cx[:, self.T - t - 1, :], h_bw) + cx[:, self.T - t - 1, :]
            if self.L <= t < self.T - self.L:
                encoded.append(torch.cat((h_fw, h_bw), dim=1))
        return torch.stack(encoded, dim=1)


def encode_track(encoder, wav, seq_len=60, overlap=20, batch=16):
    mag, _ = stft_magnitude(wav)
    chunks = overlap_sequences(mag, seq_len, overlap)
    outputs = []
    encoder.eval()
    with torch.no_grad():
        for b in range(chunks.shape[0] // batch):
            h_enc = encoder(chunks[b * batch:(b + 1) * batch])
            outputs.append(h_enc.cpu())
    return torch.cat(outputs)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    enc = SkipFiltEncoder(batch=16, seq_len=60, context=10).to(device)
    enc.load_state_dict(torch.load("results/encoder.pt", map_location=device))
    mixture = np.load("results/test_files/mixture_mono.npy")
    print(encode_track(enc, mixture).shape)
