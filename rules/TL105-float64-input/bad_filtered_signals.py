# scipy's filters promote the signal with their coefficients, which butter() makes
# float64: the filtered beats are float64 whatever the recording was.
import numpy as np
import torch
from scipy.signal import butter, filtfilt
from torch import nn
from torch.utils.data import DataLoader, Dataset


def bandpass(signals, fs=360.0):
    b, a = butter(3, [0.5, 40.0], btype="band", fs=fs)
    return filtfilt(b, a, signals, axis=-1)


class HeartBeats(Dataset):
    def __init__(self, records, width=256):
        beats = []
        for record in bandpass(records):
            for start in range(0, record.shape[-1] - width, width):
                beats.append(record[start : start + width])
        self.beats = np.stack(beats)

    def __len__(self):
        return len(self.beats)

    def __getitem__(self, i):
        return torch.from_numpy(self.beats[i]).unsqueeze(0)  # expect: TL105:16 lines=34


def embed_all(records):
    device = torch.device("cuda")
    model = nn.Sequential(nn.Conv1d(1, 16, 7), nn.ReLU(), nn.AdaptiveAvgPool1d(1)).to(device)
    for beat in DataLoader(HeartBeats(records), batch_size=64):
        print(model(beat.to(device)).shape)
