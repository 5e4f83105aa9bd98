# source: https://github.com/rasbt/machine-learning-book/pull/233
# error: RuntimeError: Expected all tensors to be on the same device, but got index is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: helper
# bug-lines: 42, 48, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

text = open("1268-0.txt", encoding="utf8").read()
char_set = sorted(set(text))
char2int = {ch: i for i, ch in enumerate(char_set)}
char_array = np.array(char_set)


class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, rnn_hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.rnn_hidden_size = rnn_hidden_size
        self.rnn = nn.LSTM(embed_dim, rnn_hidden_size, batch_first=True)
        self.fc = nn.Linear(rnn_hidden_size, vocab_size)

    def forward(self, x, hidden, cell):
        out = self.embedding(x).unsqueeze(1)
        out, (hidden, cell) = self.rnn(out, (hidden, cell))
        out = self.fc(out).reshape(out.size(0), -1)
        return out, hidden, cell

    def init_hidden(self, batch_size):
        hidden = torch.zeros(1, batch_size, self.rnn_hidden_size)
        cell = torch.zeros(1, batch_size, self.rnn_hidden_size)
        return hidden.to(device), cell.to(device)


def sample(model, starting_str, len_generated_text=500, scale_factor=1.0):
    encoded_input = torch.tensor([char2int[s] for s in starting_str])
    encoded_input = torch.reshape(encoded_input, (1, -1))
    generated_str = starting_str
    model.eval()
    hidden, cell = model.init_hidden(1)
    for c in range(len(starting_str) - 1):
        _, hidden, cell = model(encoded_input[:, c].view(1), hidden, cell)
    last_char = encoded_input[:, -1]
    for _ in range(len_generated_text):
        logits, hidden, cell = model(last_char.view(1), hidden, cell)
        logits = torch.squeeze(logits, 0)
        last_char = Categorical(logits=logits * scale_factor).sample()
        generated_str += str(char_array[last_char.item()])
    return generated_str


if __name__ == "__main__":
    model = CharRNN(len(char_array), embed_dim=256, rnn_hidden_size=512)
    model.load_state_dict(torch.load("char_rnn.pt", map_location=device))
    model = model.to(device)
    torch.manual_seed(1)
    print(sample(model, starting_str="The island", scale_factor=2.0))
