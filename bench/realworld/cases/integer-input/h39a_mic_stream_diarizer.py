# source: https://github.com/pyannote/pyannote-audio/issues/958
# error: RuntimeError: expected scalar type Short but found Float
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 61, 64
# needs: torch, numpy, sounddevice
# cpu: no written where torch was not installed; not run
import queue

import numpy as np
import sounddevice as sd
import torch
import torch.nn as nn

SAMPLE_RATE = 16000
WINDOW = SAMPLE_RATE * 2

audio_q = queue.Queue()


class SpeakerActivity(nn.Module):
    """SincNet-like frontend + BiLSTM, one sigmoid output per speaker."""

    def __init__(self, n_speakers=3):
        super().__init__()
        self.frontend = nn.Conv1d(1, 80, kernel_size=251, stride=10)
        self.pool = nn.MaxPool1d(3)
        self.rnn = nn.LSTM(80, 128, batch_first=True, bidirectional=True)
        self.head = nn.Linear(256, n_speakers)

    def forward(self, waveform):
        x = self.pool(torch.relu(self.frontend(waveform)))
        x, _ = self.rnn(x.transpose(1, 2))
        return torch.sigmoid(self.head(x))


def prepare_window(waveform):
    # (channel, time) -> (batch, channel, time), mono only
    if waveform.dim() == 1:
        waveform = waveform.unsqueeze(0)
    return waveform[:1].unsqueeze(0)


def on_audio(indata, frames, time_info, status):
    if status:
        print(status)
    audio_q.put(indata.copy())


def diarize_stream(model, device):
    pending = []
    with sd.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16", callback=on_audio):
        while True:
            pending.append(audio_q.get())
            if sum(len(p) for p in pending) < WINDOW:
                continue
            mic_data = np.concatenate(pending)[:WINDOW].transpose()
            pending = []

            mic_data = torch.from_numpy(mic_data)
            mic_data = mic_data.type(torch.ShortTensor)
            batch = prepare_window(mic_data).to(device)
            with torch.no_grad():
                activity = model(batch)
            active = (activity[0] > 0.5).float().mean(dim=0)
            print("speaker activity:", [round(a, 2) for a in active.tolist()])


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SpeakerActivity()
    net.load_state_dict(torch.load("segmentation.pt", map_location="cpu"))
    net.to(dev).eval()
    diarize_stream(net, dev)
