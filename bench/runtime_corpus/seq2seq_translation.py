# source: https://github.com/pytorch/tutorials/blob/main/intermediate_source/seq2seq_translation_tutorial.py
# what: the "NLP From Scratch: Translation with a Sequence to Sequence Network and
#   Attention" tutorial: index tensors made with torch.tensor(..., device=device), the
#   decoder's first input torch.empty(..., device=device).fill_(SOS_token), Bahdanau
#   attention over GRU encoder outputs, topk greedy decoding, NLLLoss over the batch.
# shrunk: a random parallel corpus (numpy index arrays, as the tutorial's get_dataloader) of 8 pairs over 12-word vocabularies, hidden 16,
#   3 epochs; evaluate() on one sentence.
import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
SOS_token, EOS_token, MAX_LENGTH = 0, 1, 6


class EncoderRNN(nn.Module):
    def __init__(self, input_size, hidden_size, dropout_p=0.1):
        super().__init__()
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, batch_first=True)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, input):
        return self.gru(self.dropout(self.embedding(input)))


class BahdanauAttention(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.Wa, self.Ua, self.Va = (
            nn.Linear(hidden_size, hidden_size),
            nn.Linear(hidden_size, hidden_size),
            nn.Linear(hidden_size, 1),
        )

    def forward(self, query, keys):
        scores = self.Va(torch.tanh(self.Wa(query) + self.Ua(keys))).squeeze(2).unsqueeze(1)
        weights = F.softmax(scores, dim=-1)
        return torch.bmm(weights, keys), weights


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size, dropout_p=0.1):
        super().__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.attention = BahdanauAttention(hidden_size)
        self.gru = nn.GRU(2 * hidden_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, output_size)
        self.dropout = nn.Dropout(dropout_p)

    def forward(self, encoder_outputs, encoder_hidden, target_tensor=None):
        batch_size = encoder_outputs.size(0)
        decoder_input = torch.empty(batch_size, 1, dtype=torch.long, device=device).fill_(SOS_token)
        decoder_hidden, decoder_outputs = encoder_hidden, []
        for i in range(MAX_LENGTH):
            decoder_output, decoder_hidden = self.forward_step(
                decoder_input, decoder_hidden, encoder_outputs
            )
            decoder_outputs.append(decoder_output)
            if target_tensor is not None:
                decoder_input = target_tensor[:, i].unsqueeze(1)
            else:
                _, topi = decoder_output.topk(1)
                decoder_input = topi.squeeze(-1).detach()
        return F.log_softmax(torch.cat(decoder_outputs, dim=1), dim=-1), decoder_hidden

    def forward_step(self, input, hidden, encoder_outputs):
        embedded = self.dropout(self.embedding(input))
        context, _ = self.attention(hidden.permute(1, 0, 2), encoder_outputs)
        output, hidden = self.gru(torch.cat((embedded, context), dim=2), hidden)
        return self.out(output), hidden


def tensorFromSentence(indexes):
    return torch.tensor(indexes + [EOS_token], dtype=torch.long, device=device).view(1, -1)


random.seed(0)
pairs = [
    ([random.randrange(2, 12) for _ in range(4)], [random.randrange(2, 12) for _ in range(4)])
    for _ in range(8)
]
input_ids = np.zeros((len(pairs), MAX_LENGTH), dtype=np.int32)
target_ids = np.zeros((len(pairs), MAX_LENGTH), dtype=np.int32)
for idx, (inp, tgt) in enumerate(pairs):
    input_ids[idx, : len(inp) + 1] = inp + [EOS_token]
    target_ids[idx, : len(tgt) + 1] = tgt + [EOS_token]
train_data = TensorDataset(
    torch.LongTensor(input_ids).to(device), torch.LongTensor(target_ids).to(device)
)
train_dataloader = DataLoader(train_data, sampler=RandomSampler(train_data), batch_size=4)

encoder, decoder = EncoderRNN(12, 16).to(device), AttnDecoderRNN(16, 12).to(device)
encoder_optimizer, decoder_optimizer = (
    optim.Adam(encoder.parameters(), 1e-3),
    optim.Adam(decoder.parameters(), 1e-3),
)
criterion = nn.NLLLoss()
for epoch in range(3):
    for input_tensor, target_tensor in train_dataloader:
        encoder_optimizer.zero_grad()
        decoder_optimizer.zero_grad()
        encoder_outputs, encoder_hidden = encoder(input_tensor)
        decoder_outputs, _ = decoder(encoder_outputs, encoder_hidden, target_tensor)
        loss = criterion(decoder_outputs.view(-1, decoder_outputs.size(-1)), target_tensor.view(-1))
        loss.backward()
        encoder_optimizer.step()
        decoder_optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
with torch.no_grad():
    encoder_outputs, encoder_hidden = encoder(tensorFromSentence(pairs[0][0]))
    decoder_outputs, _ = decoder(encoder_outputs, encoder_hidden)
    _, topi = decoder_outputs.topk(1)
    print([idx.item() for idx in topi.squeeze()])
