# source: https://github.com/KimythAnly/AGAIN-VC/issues/2
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, class
# bug-lines: 44, 61
# needs: torch, numpy, librosa, soundfile
# cpu: no written where torch was not installed; not run
"""One-shot voice conversion: convert source speech to the target speaker's timbre."""
import argparse

import librosa
import numpy as np
import soundfile as sf
import torch
import torch.nn as nn


class AgainVC(nn.Module):
    def __init__(self, n_mels=80, c=256):
        super().__init__()
        self.content = nn.Sequential(nn.Conv1d(n_mels, c, 5, padding=2), nn.InstanceNorm1d(c), nn.ReLU())
        self.speaker = nn.Sequential(nn.Conv1d(n_mels, c, 5, padding=2), nn.ReLU())
        self.decoder = nn.Conv1d(c, n_mels, 5, padding=2)

    def inference(self, source, target):
        spk = self.speaker(target).mean(dim=2, keepdim=True)
        return self.decoder(self.content(source) + spk)


def log_mel(path, sr=22050, n_fft=1024, hop=256, n_mels=80):
    wav, _ = librosa.load(path, sr=sr)
    mel = librosa.feature.melspectrogram(y=wav, sr=sr, n_fft=n_fft, hop_length=hop, n_mels=n_mels)
    return np.log10(np.maximum(1e-5, mel))


def pad_to(mel, seglen):
    # keep at least one full segment so the encoder's pooling layers line up
    out = np.zeros((mel.shape[0], max(seglen, mel.shape[1])))
    out[:, :mel.shape[1]] = mel
    return out


def np2pt(x, device):
    return torch.from_numpy(x).unsqueeze(0).to(device)


class Inferencer:
    def __init__(self, ckpt_path, device):
        self.device = device
        self.model = AgainVC()
        state = torch.load(ckpt_path, map_location="cpu")
        self.model.load_state_dict(state["model"])
        self.model.to(device).eval()

    @torch.no_grad()
    def inference(self, source_path, target_path, out_path, seglen=128):
        src = pad_to(log_mel(source_path), seglen)
        tgt = pad_to(log_mel(target_path), seglen)
        src_t = np2pt(src, self.device)
        tgt_t = np2pt(tgt, self.device)
        dec = self.model.inference(src_t, tgt_t)
        mel = dec.squeeze(0).cpu().numpy()
        wav = librosa.feature.inverse.mel_to_audio(10 ** mel, sr=22050, n_fft=1024, hop_length=256)
        sf.write(out_path, wav, 22050)
        return out_path


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoints/again/c4s/steps_100000.pth")
    parser.add_argument("--source", default="data/wav48/p225/p225_001.wav")
    parser.add_argument("--target", default="data/wav48/p226/p226_001.wav")
    parser.add_argument("--out", default="converted.wav")
    parser.add_argument("--seglen", type=int, default=128)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    inferencer = Inferencer(args.ckpt, device)
    print(inferencer.inference(args.source, args.target, args.out, seglen=args.seglen))
