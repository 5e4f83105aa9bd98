# source: https://github.com/alontalmor/WebAsKB/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 53, 58
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

SOS_TOKEN = 0


class EncoderRNN(nn.Module):
    def __init__(self, vocab, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab, hidden)
        self.gru = nn.GRU(hidden, hidden, batch_first=True)

    def forward(self, tokens):
        return self.gru(self.embedding(tokens))


class PointerDecoder(nn.Module):
    def __init__(self, vocab, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab, hidden)
        self.gru = nn.GRU(hidden, hidden, batch_first=True)
        self.attn = nn.Linear(hidden, hidden)

    def forward(self, inp, hidden, encoder_outputs):
        out, hidden = self.gru(self.embedding(inp), hidden)
        scores = torch.bmm(self.attn(out), encoder_outputs.transpose(1, 2))
        return F.log_softmax(scores.squeeze(1), dim=-1), hidden


class SplitPointerNet(nn.Module):
    """Points at the split positions of a complex question."""

    def __init__(self, vocab, hidden=256, max_steps=4):
        super().__init__()
        self.encoder = EncoderRNN(vocab, hidden)
        self.decoder = PointerDecoder(vocab, hidden)
        self.max_steps = max_steps

    @torch.no_grad()
    def decode(self, question_ids):
        encoder_outputs, hidden = self.encoder(question_ids)
        decoder_input = torch.full((1, 1), SOS_TOKEN, dtype=torch.long, device=question_ids.device)
        pointers = []
        for _ in range(self.max_steps):
            attention, hidden = self.decoder(decoder_input, hidden, encoder_outputs)
            pointer = int(attention[0].argmax())
            pointers.append(pointer)
            # feed the pointed-at token back in as the next decoder input
            next_token = int(question_ids[0, pointer])
            decoder_input = torch.LongTensor([[next_token]])
        return pointers


def encode_question(text, vocab):
    return [vocab.setdefault(w, len(vocab)) for w in text.lower().split()]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vocab = {"<sos>": SOS_TOKEN}
    questions = [
        "what movies did the director of inception also write",
        "which river flows through the capital of hungary",
    ]
    ids = [encode_question(q, vocab) for q in questions]
    model = SplitPointerNet(vocab=5000).to(device).eval()
    for q in ids:
        print(model.decode(torch.tensor([q], device=device)))
