# source: https://github.com/IBM/pytorch-seq2seq/pull/123
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class EncoderRNN(nn.Module):
    def __init__(self, vocab_size, hidden_size=256, n_layers=1):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden_size)
        self.rnn = nn.GRU(hidden_size, hidden_size, n_layers, batch_first=True)

    def forward(self, src):
        return self.rnn(self.embedding(src))


class DecoderRNN(nn.Module):
    def __init__(self, vocab_size, hidden_size=256, n_layers=1, sos_id=1, eos_id=2):
        super().__init__()
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.sos_id, self.eos_id = sos_id, eos_id
        self.embedding = nn.Embedding(vocab_size, hidden_size)
        self.rnn = nn.GRU(hidden_size, hidden_size, n_layers, batch_first=True)
        self.attn_out = nn.Linear(hidden_size * 2, hidden_size)
        self.out = nn.Linear(hidden_size, vocab_size)

    def forward_step(self, input_var, hidden, encoder_outputs):
        output, hidden = self.rnn(self.embedding(input_var), hidden)
        scores = torch.bmm(output, encoder_outputs.transpose(1, 2))
        context = torch.bmm(F.softmax(scores, dim=-1), encoder_outputs)
        output = torch.tanh(self.attn_out(torch.cat([output, context], dim=-1)))
        return F.log_softmax(self.out(output), dim=-1), hidden
