def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].cuda()  # expect: TL403:14
    mask = batch["mask"].to("cuda:0")  # expect: TL403:29
    return model(batch["x"].to(device)), labels, mask
