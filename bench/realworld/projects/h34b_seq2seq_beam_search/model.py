# source: https://github.com/IBM/pytorch-seq2seq/issues/102
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class EncoderRNN(nn.Module):
    def __init__(self, vocab_size, emb_size=256, hidden_size=512):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_size, padding_idx=0)
        self.rnn = nn.GRU(emb_size, hidden_size, batch_first=True)

    def forward(self, src):
        outputs, hidden = self.rnn(self.embedding(src))
        return outputs, hidden


class DecoderRNN(nn.Module):
    def __init__(self, vocab_size, emb_size=256, hidden_size=512, sos_id=1, eos_id=2, max_length=50):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_size, padding_idx=0)
        self.rnn = nn.GRU(emb_size + hidden_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, vocab_size)
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.sos_id, self.eos_id, self.max_length = sos_id, eos_id, max_length

    def attend(self, hidden, memory):
        scores = torch.bmm(memory, hidden[-1].unsqueeze(2)).squeeze(2)
        weights = F.softmax(scores, dim=1)
        return torch.bmm(weights.unsqueeze(1), memory)

    def step(self, tokens, hidden, memory):
        """One decoding step. tokens: (B, 1) LongTensor."""
        emb = self.embedding(tokens)
        context = self.attend(hidden, memory)
        output, hidden = self.rnn(torch.cat((emb, context), dim=2), hidden)
        return F.log_softmax(self.out(output.squeeze(1)), dim=-1), hidden


class Seq2Seq(nn.Module):
    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, src, tgt):
        memory, hidden = self.encoder(src)
        logps = []
        for t in range(tgt.size(1) - 1):
            logp, hidden = self.decoder.step(tgt[:, t:t + 1], hidden, memory)
            logps.append(logp)
        return torch.stack(logps, dim=1)
