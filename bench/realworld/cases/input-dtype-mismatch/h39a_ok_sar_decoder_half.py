# source: https://github.com/mindee/doctr/issues/1441
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: class, helper
# looks-like: input-dtype-mismatch
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

VOCAB = "0123456789abcdefghijklmnopqrstuvwxyz"


class AttentionModule(nn.Module):
    def __init__(self, feat_chans, state_chans, units):
        super().__init__()
        self.feat_conv = nn.Conv2d(feat_chans, units, 3, padding=1)
        self.state_conv = nn.Conv2d(state_chans, units, 1, bias=False)
        self.proj = nn.Conv2d(units, 1, 1, bias=False)

    def forward(self, features, hidden):
        att = self.proj(torch.tanh(self.feat_conv(features) + self.state_conv(hidden)))
        att = torch.softmax(att.flatten(1), 1).reshape(-1, 1, *features.shape[-2:])
        return (features * att).sum(dim=(2, 3))


class SARDecoder(nn.Module):
    def __init__(self, vocab_size, rnn_units=512, feat_chans=512, max_length=30):
        super().__init__()
        self.vocab_size = vocab_size
        self.max_length = max_length
        self.embed = nn.Linear(vocab_size + 1, rnn_units, bias=False)
        self.lstm_cells = nn.ModuleList([nn.LSTMCell(rnn_units, rnn_units) for _ in range(2)])
        self.attention = AttentionModule(feat_chans, rnn_units, rnn_units)
        self.output_dense = nn.Linear(rnn_units + feat_chans, vocab_size + 1)

    def forward(self, features):
        hx = [None, None]
        # virtual <start> symbol, built with the features' dtype so .half() models keep working
        symbol = torch.zeros((features.shape[0], self.vocab_size + 1),
                             device=features.device, dtype=features.dtype)
        logits_list = []
        for _ in range(self.max_length + 1):
            hx[0] = self.lstm_cells[0](self.embed(symbol), hx[0])
            hx[1] = self.lstm_cells[1](hx[0][0], hx[1])
            state = hx[1][0]
            glimpse = self.attention(features, state[:, :, None, None])
            logits = self.output_dense(torch.cat([state, glimpse], 1))
            symbol = F.one_hot(logits.argmax(-1), self.vocab_size + 1).to(dtype=features.dtype)
            logits_list.append(logits)
        return torch.stack(logits_list, 1)


class TextRecognizer(nn.Module):
    def __init__(self):
        super().__init__()
        resnet = torchvision.models.resnet34(weights=None)
        self.backbone = nn.Sequential(*list(resnet.children())[:-2])
        self.decoder = SARDecoder(len(VOCAB))

    def forward(self, crops):
        return self.decoder(self.backbone(crops))


def decode(out):
    return ["".join(VOCAB[i] for i in seq if i < len(VOCAB)) for seq in out.argmax(-1).tolist()]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    model = TextRecognizer().to(device=device, dtype=dtype).eval()
    crops = torch.rand(8, 3, 32, 128).to(device=device, dtype=dtype)
    with torch.no_grad():
        print(decode(model(crops)))
