# source: https://github.com/SeanNaren/deepspeech.pytorch/pull/628
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# looks-like: type-as-cpu
# shape: class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Conv front-end of a speech model that zeroes padded frames after every layer."""
import torch
import torch.nn as nn


class MaskConv(nn.Module):
    def __init__(self, seq_module):
        super().__init__()
        self.seq_module = seq_module

    def forward(self, x, lengths):
        """x: B x C x F x T on the GPU; lengths: B int64 on the CPU (for packing later)."""
        for module in self.seq_module:
            x = module(x)
            steps = torch.arange(x.size(3))
            keep = steps[None, :] < lengths[:, None]            # built on the CPU
            # type_as takes dtype *and* device from x, so the mask follows x to the GPU
            keep = keep.type_as(x)
            x = x * keep[:, None, None, :]
        return x, lengths


class SpeechFrontEnd(nn.Module):
    def __init__(self, n_classes=29, hidden=512):
        super().__init__()
        self.conv = MaskConv(nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=(41, 11), stride=(2, 1), padding=(20, 5)),
            nn.BatchNorm2d(32), nn.Hardtanh(0, 20, inplace=True),
            nn.Conv2d(32, 32, kernel_size=(21, 11), stride=(2, 1), padding=(10, 5)),
            nn.BatchNorm2d(32), nn.Hardtanh(0, 20, inplace=True),
        ))
        self.rnn = nn.LSTM(32 * 41, hidden, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(hidden * 2, n_classes)

    def forward(self, spect, lengths):
        x, lengths = self.conv(spect, lengths)
        b, c, f, t = x.shape
        x = x.view(b, c * f, t).transpose(1, 2)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                   enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        return self.fc(out).log_softmax(-1), lengths


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SpeechFrontEnd().to(device)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for step in range(100):
        lengths = torch.randint(200, 400, (8,))
        spect = torch.randn(8, 1, 161, int(lengths.max()), device=device)
        targets = torch.randint(1, 29, (8, 40), device=device)
        log_probs, out_lens = model(spect, lengths)
        loss = ctc(log_probs.transpose(0, 1), targets, out_lens, torch.full((8,), 40))
        opt.zero_grad()
        loss.backward()
        opt.step()
