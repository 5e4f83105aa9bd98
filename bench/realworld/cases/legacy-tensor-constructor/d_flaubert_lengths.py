# source: https://github.com/huggingface/transformers/pull/6142
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class
# bug-lines: 35
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TinyFlaubertModel(nn.Module):
    def __init__(self, n_words=100, dim=32, max_len=64, pad_index=2, n_layers=2):
        super().__init__()
        self.pad_index = pad_index
        self.embeddings = nn.Embedding(n_words, dim, padding_idx=pad_index)
        self.position_embeddings = nn.Embedding(max_len, dim)
        self.layers = nn.ModuleList(nn.Linear(dim, dim) for _ in range(n_layers))
        self.register_buffer("position_ids", torch.arange(max_len).expand((1, -1)), persistent=False)

    def get_masks(self, slen, lengths):
        alen = torch.arange(slen, dtype=torch.long, device=lengths.device)
        return alen < lengths[:, None]

    def forward(self, input_ids=None, attention_mask=None, lengths=None, inputs_embeds=None):
        if input_ids is not None:
            bs, slen = input_ids.size()
        else:
            bs, slen = inputs_embeds.size()[:-1]

        if lengths is None:
            if input_ids is not None:
                lengths = (input_ids != self.pad_index).sum(dim=1).long()
            else:
                lengths = torch.LongTensor([slen] * bs)

        mask = self.get_masks(slen, lengths)
        position_ids = self.position_ids[:, :slen]
        if inputs_embeds is None:
            inputs_embeds = self.embeddings(input_ids)
        tensor = inputs_embeds + self.position_embeddings(position_ids).expand_as(inputs_embeds)
        tensor = tensor * mask.unsqueeze(-1).to(tensor.dtype)
        for layer in self.layers:
            tensor = torch.relu(layer(tensor)) * mask.unsqueeze(-1).to(tensor.dtype)
        return tensor


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyFlaubertModel().to(device)
    batch = {"input_ids": torch.randint(3, 100, (2, 7))}
    embeds = model.embeddings(batch["input_ids"].to(device))
    out = model(inputs_embeds=embeds)
    print(out.shape)
