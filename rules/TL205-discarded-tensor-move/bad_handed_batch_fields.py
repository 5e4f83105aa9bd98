# A batch from a loader the function is handed: its tokenizer fields are tensors, and
# `.to(device)` on one of them as a statement moves nothing.
import torch


def distill_epoch(student, teacher, loader, optimizer, device):
    teacher.eval()
    for batch in loader:
        batch["input_ids"].to(device)  # expect: TL205:9
        batch["attention_mask"].to(device)  # expect: TL205:9
        with torch.no_grad():
            soft = teacher(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        logits = student(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        loss = torch.nn.functional.kl_div(logits.log_softmax(-1), soft.softmax(-1), reduction="batchmean")
        loss.backward()
        optimizer.step()
