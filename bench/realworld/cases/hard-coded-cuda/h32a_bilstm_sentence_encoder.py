# source: https://github.com/facebookresearch/InferSent/issues/28
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 32
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class BiLSTMSentenceEncoder(nn.Module):
    """Sentence encoder over pre-computed word vectors, mean-pooled over time."""

    def __init__(self, word_vectors, hidden_dim=512):
        super().__init__()
        self.word_vectors = word_vectors  # dict: token -> np.ndarray(300,)
        self.lstm = nn.LSTM(300, hidden_dim, bidirectional=True)

    def _make_batch(self, sentences):
        max_len = max(len(s) for s in sentences)
        batch = np.zeros((max_len, len(sentences), 300), dtype=np.float32)
        for i, sent in enumerate(sentences):
            for j, tok in enumerate(sent):
                batch[j, i, :] = self.word_vectors.get(tok, 0.0)
        return torch.from_numpy(batch)

    def forward(self, batch, lengths):
        out, _ = self.lstm(batch)
        summed = out.sum(dim=0)
        denom = torch.tensor(lengths, dtype=torch.float32).unsqueeze(1).cuda()
        return summed / denom

    @torch.no_grad()
    def encode(self, sentences, batch_size=64):
        device = next(self.parameters()).device
        tokenized = [s.split() or ["<unk>"] for s in sentences]
        chunks = []
        for start in range(0, len(tokenized), batch_size):
            part = tokenized[start:start + batch_size]
            batch = self._make_batch(part).to(device)
            lengths = [len(s) for s in part]
            chunks.append(self(batch, lengths).cpu().numpy())
        return np.vstack(chunks)


if __name__ == "__main__":
    vocab = {w: np.random.rand(300).astype(np.float32) for w in "a cat sat on the mat".split()}
    encoder = BiLSTMSentenceEncoder(vocab)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder.to(device)
    emb = encoder.encode(["a cat sat", "the cat sat on the mat"])
    print(emb.shape)
