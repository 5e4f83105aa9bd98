# source: https://github.com/moiseshorta/MelSpecVAE/issues/5
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:1 and window on cuda:0
# pattern: current-gpu-mismatch
# shape: helper, top-level
# bug-lines: 26, 33
# needs: torch, numpy, librosa
# cpu: no written where torch was not installed; not run
import argparse
import glob

import librosa
import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--audio_dir", default="wavs/")
parser.add_argument("--gpu", type=int, default=1)
parser.add_argument("--sr", type=int, default=44100)
args = parser.parse_args()

device = torch.device(f"cuda:{args.gpu}")
n_fft, hop, n_mels = 2048, 192, 128
ref_level_db, min_level_db = 20, -100

# analysis window and mel filterbank, built once for the whole folder
window = torch.hann_window(n_fft).cuda()
mel_fb = torch.from_numpy(
    librosa.filters.mel(sr=args.sr, n_fft=n_fft, n_mels=n_mels)
).float().to(device)


def melspecfunc(waveform):
    spec = torch.stft(waveform, n_fft=n_fft, hop_length=hop, window=window,
                      return_complex=True).abs() ** 2
    return mel_fb @ spec


def normalize(S):
    return np.clip((S - min_level_db) / -min_level_db, 0, 1)


def prep(wv):
    x = torch.tensor(wv, dtype=torch.float32, device=device)
    S = melspecfunc(x).detach().cpu().numpy()
    S = librosa.power_to_db(S) - ref_level_db
    return normalize(S)


def tospec(files):
    specs = []
    for path in files:
        wv, _ = librosa.load(path, sr=args.sr)
        specs.append(np.expand_dims(prep(wv).astype(np.float32), -1))
    return specs


if __name__ == "__main__":
    files = sorted(glob.glob(args.audio_dir + "*.wav"))
    aspec = tospec(files)
    np.save("specs.npy", np.stack([s[:, :256] for s in aspec]))
    print("saved", len(aspec), "spectrograms")
