using System.Linq.Expressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>
/// A field a mapping names by its path (<c>acceptance.counterpart.id_number</c>), with a setter
/// compiled once from the record's generated properties: the messages on the path made when they
/// are missing, then the value set, typed.
/// </summary>
/// <remarks>
/// The setter is an <c>Action&lt;IMessage, T></c> of the leaf's value: <c>string</c>, <c>int</c>
/// (int32 and enum fields), <c>long</c>, <c>double</c>, <c>bool</c> or <see cref="Timestamp"/>;
/// a <c>Func&lt;IMessage, IMessage></c> giving the message that holds a repeated leaf's list; null
/// for a leaf of any other type, which the mapper refuses as unsupported. Through the reflection
/// API (<see cref="FieldDescriptor.Accessor"/>) each of a row's some thirty fields walked its
/// path field by field and boxed its value: <c>RecordMapper.Map</c> alone cost 1.4 to 1.6 µs of
/// CPU a row of the adapters benchmark, 0.9 to 1.2 this way (medians of ten loops, three
/// alternated runs; docs/benchmarks.md, adapters, tenth session).
/// </remarks>
internal sealed record MappedField(string Path, FieldDescriptor Leaf, Delegate? Setter)
{
    /// <summary>The field at <paramref name="path"/> of <paramref name="descriptor"/>'s records.</summary>
    /// <exception cref="ArgumentException">The path names no field, or goes into one that has no fields; the message says which.</exception>
    public static MappedField Of(MessageDescriptor descriptor, string path)
    {
        var chain = Resolve(descriptor, path);
        try
        {
            return new MappedField(path, chain[^1], SetterOf(descriptor, chain));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A message on the path that is not a message class in C# (a wrapper type is a string or a number there).
            throw new ArgumentException($"\"{path}\" cannot be mapped: {ex.Message}", ex);
        }
    }

    /// <summary>Sets the leaf, a single field whose value is a <typeparamref name="T"/>, making the messages on its path as needed.</summary>
    /// <exception cref="InvalidOperationException">The leaf takes no <typeparamref name="T"/> (a mapper's mistake, named by the path).</exception>
    public void Set<T>(IMessage record, T value) =>
        (Setter as Action<IMessage, T> ?? throw new InvalidOperationException($"\"{Path}\" takes no {typeof(T).Name}"))(record, value);

    /// <summary>The message holding the leaf, a repeated field, made with those on its path as needed.</summary>
    /// <exception cref="InvalidOperationException">The leaf is not a repeated field.</exception>
    public IMessage HolderOf(IMessage record) =>
        (Setter as Func<IMessage, IMessage> ?? throw new InvalidOperationException($"\"{Path}\" is not a repeated field"))(record);

    private static FieldDescriptor[] Resolve(MessageDescriptor descriptor, string path)
    {
        var parts = path.Split('.');
        var chain = new FieldDescriptor[parts.Length];
        var current = descriptor;
        for (var i = 0; i < parts.Length; i++)
        {
            var field = current?.FindFieldByName(parts[i])
                ?? throw new ArgumentException($"\"{path}\" is not a field of {descriptor.Name} (at \"{parts[i]}\")");
            chain[i] = field;
            current = field.FieldType == FieldType.Message ? field.MessageType : null;
            if (i < parts.Length - 1 && (current is null || field.IsRepeated))
            {
                throw new ArgumentException($"\"{path}\": \"{parts[i]}\" has no fields inside it");
            }
        }

        return chain;
    }

    /// <summary>
    /// <c>(record, value) => { var a = ((R)record).A ??= new A(); ...; last.Leaf = (T)value; }</c>,
    /// or for a repeated leaf <c>record => the message holding it</c>.
    /// </summary>
    private static Delegate? SetterOf(MessageDescriptor descriptor, FieldDescriptor[] chain)
    {
        var leaf = chain[^1];
        var valueType = leaf.IsRepeated ? null : ValueTypeOf(leaf);
        if (!leaf.IsRepeated && valueType is null)
        {
            return null;
        }

        var record = Expression.Parameter(typeof(IMessage), "record");
        var root = Expression.Variable(descriptor.ClrType, "root");
        var variables = new List<ParameterExpression> { root };
        var steps = new List<Expression> { Expression.Assign(root, Expression.Convert(record, descriptor.ClrType)) };
        Expression holder = root;
        foreach (var field in chain[..^1])
        {
            var property = Expression.Property(holder, PropertyOf(holder.Type, field));
            var child = Expression.Variable(property.Type, field.Name);
            variables.Add(child);
            steps.Add(Expression.Assign(child, Expression.Coalesce(property, Expression.Assign(property, Expression.New(property.Type)))));
            holder = child;
        }

        if (valueType is null)
        {
            steps.Add(Expression.Convert(holder, typeof(IMessage)));
            return Expression.Lambda<Func<IMessage, IMessage>>(Expression.Block(variables, steps), record).Compile();
        }

        var value = Expression.Parameter(valueType, "value");
        var target = Expression.Property(holder, PropertyOf(holder.Type, leaf));
        steps.Add(Expression.Assign(target, Expression.Convert(value, target.Type)));
        var type = typeof(Action<,>).MakeGenericType(typeof(IMessage), valueType);
        return Expression.Lambda(type, Expression.Block(typeof(void), variables, steps), record, value).Compile();
    }

    /// <summary>The generated property of <paramref name="field"/>, by its exact name.</summary>
    private static System.Reflection.PropertyInfo PropertyOf(System.Type message, FieldDescriptor field) =>
        message.GetProperty(field.PropertyName) ?? throw new InvalidOperationException($"{message.Name} has no property {field.PropertyName}");

    /// <summary>The type the mapper gives a single field of this type its value in; null for a type it does not map.</summary>
    private static System.Type? ValueTypeOf(FieldDescriptor leaf) => leaf.FieldType switch
    {
        FieldType.String => typeof(string),
        FieldType.Int32 or FieldType.Enum => typeof(int),
        FieldType.Int64 => typeof(long),
        FieldType.Double => typeof(double),
        FieldType.Bool => typeof(bool),
        FieldType.Message when IsTimestamp(leaf) => typeof(Timestamp),
        _ => null,
    };

    /// <summary>Whether a message field holds a <see cref="Timestamp"/>, the one message type the mapper fills from a cell.</summary>
    public static bool IsTimestamp(FieldDescriptor field) => field.MessageType.FullName == Timestamp.Descriptor.FullName;
}
