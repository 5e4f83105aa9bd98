# source: https://github.com/IBM/pytorch-seq2seq/issues/120
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 48, 50
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn

SOS, EOS = 1, 2


class Seq2seq(nn.Module):
    def __init__(self, src_vocab, tgt_vocab, hidden=128, max_len=50):
        super().__init__()
        self.src_emb = nn.Embedding(src_vocab, hidden)
        self.tgt_emb = nn.Embedding(tgt_vocab, hidden)
        self.encoder = nn.GRU(hidden, hidden, batch_first=True)
        self.decoder = nn.GRU(hidden, hidden, batch_first=True)
        self.out = nn.Linear(hidden, tgt_vocab)
        self.max_len = max_len

    def forward(self, src, lengths):
        _, hidden = self.encoder(self.src_emb(src))
        step_in = torch.full((src.size(0), 1), SOS, dtype=torch.long, device=src.device)
        sequence, length = [], self.max_len
        for t in range(self.max_len):
            out, hidden = self.decoder(self.tgt_emb(step_in), hidden)
            step_in = self.out(out).argmax(-1)
            sequence.append(step_in)
            if step_in.item() == EOS:
                length = t + 1
                break
        return hidden, {"sequence": sequence, "length": [length]}


class Predictor:
    def __init__(self, model, src_vocab, tgt_vocab, device):
        self.device = device
        self.model = model.to(device).eval()
        self.src_vocab = src_vocab
        self.tgt_vocab = tgt_vocab

    def get_decoder_features(self, src_seq):
        ids = [self.src_vocab.get(tok, 0) for tok in src_seq]
        src_id_seq = torch.tensor(ids, dtype=torch.long).view(1, -1)
        with torch.no_grad():
            _, other = self.model(src_id_seq, [len(src_seq)])
        return other

    def predict(self, src_seq):
        other = self.get_decoder_features(src_seq)
        length = other["length"][0]
        tgt_ids = [other["sequence"][di][0].item() for di in range(length)]
        return [self.tgt_vocab[i] for i in tgt_ids]


if __name__ == "__main__":
    ckpt = torch.load("experiment/checkpoints/best.pt", map_location="cpu")
    src_vocab, tgt_itos = ckpt["src_vocab"], ckpt["tgt_itos"]
    model = Seq2seq(len(src_vocab), len(tgt_itos))
    model.load_state_dict(ckpt["model"])

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    predictor = Predictor(model, src_vocab, tgt_itos, device)
    while True:
        seq_str = input("Type in a source sequence: ")
        if not seq_str:
            break
        print(" ".join(predictor.predict(seq_str.split())))
