# source: https://github.com/huggingface/transformers/issues/2952
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_nll_loss_forward)
# pattern: type-cast-without-device
# shape: loader-loop, batch-dict, helper
# bug-lines: 44, 45
# needs: torch, transformers, pandas
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset
from transformers import BertForSequenceClassification, BertTokenizer, get_linear_schedule_with_warmup

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
MAX_LEN = 128


def build_loader(csv_path, tokenizer, batch_size=32):
    df = pd.read_csv(csv_path)
    enc = tokenizer(list(df["text"]), padding="max_length", truncation=True,
                    max_length=MAX_LEN, return_tensors="pt")
    labels = torch.tensor(df["label"].values, dtype=torch.int32)
    data = TensorDataset(enc["input_ids"], enc["attention_mask"], labels)
    return DataLoader(data, sampler=RandomSampler(data), batch_size=batch_size), int(df["label"].nunique())


def main():
    tokenizer = BertTokenizer.from_pretrained("bert-base-uncased", do_lower_case=True)
    train_loader, num_labels = build_loader("train.csv", tokenizer)

    model = BertForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=num_labels)
    model.cuda()

    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    total_steps = len(train_loader) * 4
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=total_steps)

    for epoch in range(4):
        model.train()
        tr_loss = 0.0
        for step, batch in enumerate(train_loader):
            batch = tuple(t.to(device) for t in batch)
            b_input_ids, b_input_mask, b_labels = batch
            # CrossEntropyLoss wants int64 targets, the CSV labels came in as int32
            b_labels = b_labels.type(torch.LongTensor)
            outputs = model(b_input_ids, attention_mask=b_input_mask, labels=b_labels)
            loss = outputs.loss
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            tr_loss += loss.item()
        print(f"epoch {epoch}: train loss {tr_loss / len(train_loader):.4f}")

    model.save_pretrained("bert-finetuned")


if __name__ == "__main__":
    main()
